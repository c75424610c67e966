/**
 * How results and progress look. Results: {@link io.tenantctl.output.Json} (records to JSON, secrets masked
 * before escaping), {@link io.tenantctl.output.TextTable}, printed by {@link io.tenantctl.output.ResultPrinter}.
 * Progress: a {@link io.tenantctl.output.ProgressDisplay} fed by {@code core.ProgressEvent}s — a live footer on
 * a terminal ({@link io.tenantctl.output.Footer}, a pure function of {@link io.tenantctl.output.ProgressState}),
 * plain timestamped lines without one, or JSON lines; {@link io.tenantctl.output.Terminal} decides which.
 * No picocli and no AWS here: commands hand typed values in.
 */
package io.tenantctl.output;
