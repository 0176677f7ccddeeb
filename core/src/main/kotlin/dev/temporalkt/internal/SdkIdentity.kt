package dev.temporalkt.internal

import java.util.Properties

/**
 * Name and version of this SDK, as the server and other tools see them: in the `client-name` and
 * `client-version` headers of every call and in the SDK metadata of the workflow task completed events
 * a worker writes.
 *
 * The version comes from `dev/temporalkt/internal/sdk-identity.properties`, which the build fills in from
 * the Maven project, so a release carries its own version without it being written down anywhere else.
 *
 * ```
 * println("${SdkIdentity.name} ${SdkIdentity.version}") // temporal-kt 0.1.0
 * ```
 */
@InternalTemporalApi
public object SdkIdentity {
    /** The SDK's name, `temporal-kt`. */
    public val name: String = "temporal-kt"

    /**
     * The SDK's version, the Maven project version it was built as (for example `0.1.0` or `0.2.0-SNAPSHOT`);
     * `unknown` only when the classes run without their resources.
     */
    public val version: String = Properties()
        .also { p -> SdkIdentity::class.java.getResourceAsStream("sdk-identity.properties")?.use { p.load(it) } }
        .getProperty("version")
        ?.takeIf { it.isNotBlank() && !it.startsWith("\${") } ?: "unknown"
}
