/** A real single-node Kafka KRaft broker in the JVM: {@code bin/broker}, embedded runs, tests. */
package io.scstbus.broker;
