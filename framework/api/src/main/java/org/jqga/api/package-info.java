/**
 * What a command bundle compiles against: the {@link org.jqga.api.Command} service interface, the
 * {@link org.jqga.api.GuestCommand} declaration, the error model and the live command catalog.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.jqga.api;
