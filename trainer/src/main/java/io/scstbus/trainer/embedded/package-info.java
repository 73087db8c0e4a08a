/** The embedded default: broker and reward workers inside the trainer's process, over real Kafka. */
package io.scstbus.trainer.embedded;
