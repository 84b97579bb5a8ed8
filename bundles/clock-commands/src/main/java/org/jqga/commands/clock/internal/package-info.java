/**
 * guest-set-time: the command that changes the guest's clocks (risk group {@code power}, which the API defines
 * as "shuts down, reboots or suspends the guest, or changes its clock").
 *
 * <p>Framework properties (optional; tests point them at fakes):
 * <table>
 * <tr><th>property</th><th>default</th><th>used for</th></tr>
 * <tr><td>{@code org.jqga.clock.setClockProgram}</td><td>{@code /bin/date}</td><td>setting the system clock, run as
 * {@code PROGRAM -u -s @SECONDS.MICROSECONDS} (GNU date's syntax)</td></tr>
 * <tr><td>{@code org.jqga.clock.hwclock}</td><td>{@code /sbin/hwclock}</td><td>{@code -w} (RTC from system time)
 * after setting, {@code -s} (system time from RTC) without a time</td></tr>
 * </table>
 */
package org.jqga.commands.clock.internal;
