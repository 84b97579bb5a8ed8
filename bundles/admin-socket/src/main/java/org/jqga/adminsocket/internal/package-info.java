/** The admin socket's implementation; the bundle exports nothing. */
package org.jqga.adminsocket.internal;
