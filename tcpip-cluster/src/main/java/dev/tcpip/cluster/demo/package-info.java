/**
 * The cluster demo over the mock telescope controller: its protocol as a relay codec
 * ({@link dev.tcpip.cluster.demo.MockControllerCodec}), and the {@code tcpip-cluster.jar} program (relay,
 * subscribe, command).
 */
package dev.tcpip.cluster.demo;
