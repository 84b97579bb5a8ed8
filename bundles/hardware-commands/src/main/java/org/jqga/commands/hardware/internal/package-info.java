/**
 * The commands that take vCPUs and memory blocks on- and offline through sysfs (risk group {@code hardware}).
 *
 * <p>Framework property (optional; tests point it at a fake sysfs tree):
 * <table>
 * <tr><th>property</th><th>default</th><th>used for</th></tr>
 * <tr><td>{@code org.jqga.sysroot}</td><td>{@code /}</td><td>{@code /sys/devices/system/cpu} and
 * {@code /sys/devices/system/memory}, found under this directory (the same property the information commands read)</td></tr>
 * </table>
 */
package org.jqga.commands.hardware.internal;
