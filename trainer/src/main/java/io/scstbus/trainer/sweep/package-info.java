/**
 * Evidence over seeds: runs of one preset under several signal mixes and seeds, summarised per val
 * metric as mean and standard deviation after CE and after SCST and the paired SCST - CE difference
 * with a 95 % t-interval ({@code bin/trainer sweep}).
 */
package io.scstbus.trainer.sweep;
