/** jnr-ffi bindings; private to the bundle so jnr's generated classes see everything through one class loader. */
package org.jqga.posix.internal;
