/**
 * Helper programs run the way qemu-ga runs them. A library package: command bundles embed it privately with
 * bnd's {@code -conditionalpackage}, so it is deliberately not exported.
 */
package org.jqga.programs;
