/**
 * Queue-backed endpoints that talk to one peer at a time with delimited messages and reconnect (pysocklib's
 * six clients and servers, without their faults): {@link dev.tcpip.services.endpoint.ClientReceiver},
 * {@link dev.tcpip.services.endpoint.ClientSender}, {@link dev.tcpip.services.endpoint.Client},
 * {@link dev.tcpip.services.endpoint.ServerReceiver}, {@link dev.tcpip.services.endpoint.ServerSender} and
 * {@link dev.tcpip.services.endpoint.Server}, over {@link dev.tcpip.services.endpoint.QueueEndpoint}.
 */
package dev.tcpip.services.endpoint;
