/**
 * The commands that change who can log in to the guest: passwords and ssh authorized keys (risk group
 * {@code account}).
 *
 * <p>Framework properties (optional; tests point them at fakes and scratch homes):
 * <table>
 * <tr><th>property</th><th>default</th><th>used for</th></tr>
 * <tr><td>{@code org.jqga.account.chpasswd}</td><td>{@code chpasswd} on the agent's PATH</td><td>guest-set-user-password
 * (run with {@code -e} for a crypted password, {@code user:password\n} on stdin)</td></tr>
 * <tr><td>{@code org.jqga.account.passwd}</td><td>unset: getpwnam(3)</td><td>a passwd(5) file to look users and their
 * home directories up in instead of the system's user database</td></tr>
 * </table>
 */
package org.jqga.commands.account.internal;
