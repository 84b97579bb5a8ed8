/**
 * The engine's record of every request, for audit sinks: implement
 * {@link org.jqga.api.audit.RequestObserver} as a service and the engine calls it after each reply.
 *
 * <p>1.1.0: {@link org.jqga.api.audit.RequestRecord#origin()}, who sent the request.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.jqga.api.audit;
