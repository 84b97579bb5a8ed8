/**
 * AF_VSOCK sockets on junixsocket. junixsocket-common carries the native code and the vsock address
 * type ({@code AFVSOCKSocketAddress}); the socket classes for the family live in junixsocket-vsock,
 * which the Maven repository this project builds from does not serve. These classes supply them
 * through junixsocket's public extension points (AFAddressFamilyConfig and the AF* base classes):
 * glue only, every system call is junixsocket's.
 */
package org.jqga.transport.virtio.internal.vsock;
