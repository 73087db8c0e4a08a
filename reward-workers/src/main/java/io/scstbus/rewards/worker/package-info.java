/** The transport edge of the reward workers: Kafka Streams topology, gRPC service, configuration. */
package io.scstbus.rewards.worker;
