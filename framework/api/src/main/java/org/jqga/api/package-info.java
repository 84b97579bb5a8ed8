/**
 * What a command bundle compiles against: the {@link org.jqga.api.Command} service interface, the
 * {@link org.jqga.api.GuestCommand} declaration, the error model and the live command catalog.
 *
 * <p>1.1.0: {@link org.jqga.api.FrozenFilesystems#MARKER_FILE}. 1.2.0: {@link org.jqga.api.Base64Argument},
 * {@link org.jqga.api.CommandContext#lendBuffer(int)}. 1.3.0: {@link org.jqga.api.Base64Argument#decodeBuffer()}
 * (decoded bytes in an array lent for the request). 1.4.0: the buffers {@code lendBuffer} and {@code decodeBuffer}
 * lend are direct from 64 KiB. 1.5.0: {@link org.jqga.api.ByteSource}, bytes a result hands to the reply to read
 * while it is written.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.5.0")
package org.jqga.api;
