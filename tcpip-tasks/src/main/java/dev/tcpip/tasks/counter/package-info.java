/**
 * bgpy's example as a task set: {@link dev.tcpip.tasks.counter.CounterTasks}, found by the name
 * {@code counter} ({@code TaskSets.find("counter")}); a model for a task set of your own.
 */
package dev.tcpip.tasks.counter;
