/**
 * Self-critical sequence training: autoregressive sampling (inverse CDF) and greedy decoding, token
 * entropy and varentropy, rewards from joined signal scores with normalisation, baselines, and the
 * policy loss. The update itself is orchestrated in {@code train}.
 */
package io.scstbus.trainer.scst;
