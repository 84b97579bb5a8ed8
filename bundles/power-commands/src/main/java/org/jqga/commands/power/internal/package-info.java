/**
 * The commands that power the guest off or suspend it: what an administrator who wants the host unable to
 * stop the guest switches off as one bundle (risk group {@code power}).
 *
 * <p>Framework properties (all optional; tests point them at fakes):
 * <table>
 * <tr><th>property</th><th>default</th><th>used for</th></tr>
 * <tr><td>{@code org.jqga.power.programDir}</td><td>{@code /sbin}</td><td>poweroff, halt, reboot, shutdown</td></tr>
 * <tr><td>{@code org.jqga.power.searchPath}</td><td>the agent's {@code PATH}</td><td>systemctl, pm-is-supported,
 * pm-hibernate, pm-suspend, pm-suspend-hybrid</td></tr>
 * <tr><td>{@code org.jqga.sysroot}</td><td>{@code /}</td><td>{@code /sys/power/state}</td></tr>
 * </table>
 */
package org.jqga.commands.power.internal;
