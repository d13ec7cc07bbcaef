/**
 * Scale-out on the clustered Vert.x event bus (Hazelcast): {@link dev.tcpip.cluster.ClusteredVertx} starts a
 * node from {@link dev.tcpip.cluster.ClusterOptions} with safe defaults. Only this module depends on
 * Hazelcast.
 */
package dev.tcpip.cluster;
