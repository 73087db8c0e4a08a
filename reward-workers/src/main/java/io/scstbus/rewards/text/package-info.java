/** Text handling shared by every metric and signal: one tokenizer, one n-gram path. Pure Java. */
package io.scstbus.rewards.text;
