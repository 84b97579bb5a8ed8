/**
 * What the engine and argument-checking commands ask of the live command policy: whether a command
 * may run ({@link org.jqga.api.policy.AdmissionPolicy}) and whether a path argument is inside what the
 * policy allows ({@link org.jqga.api.policy.PathRules}). The policy bundle provides both services.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.jqga.api.policy;
