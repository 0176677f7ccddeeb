package dev.temporalkt.envconfig

import dev.temporalkt.envconfig.internal.TlsItem
import java.io.IOException
import java.nio.file.AccessDeniedException
import java.nio.file.Files
import java.nio.file.NoSuchFileException

/**
 * Returns the bytes of [source] for the TLS [item]: inline data as is, or the content of the file. Errors name the
 * file and the settings that can carry it, so the user knows what to fix.
 */
internal fun readTlsMaterial(item: TlsItem, source: ConfigSource?): ByteArray? =
    when (source) {
        null -> null
        is ConfigSource.Data -> source.bytes
        is ConfigSource.Path -> {
            val file = source.path
            val settings = "set by ${item.tomlPathKey} in the configuration file or ${item.envPathVar}"
            val fix = "Fix the path, or give the content inline with ${item.tomlDataKey} or ${item.envDataVar}."
            if (Files.isDirectory(file)) {
                throw ClientConfigException("The ${item.displayName} path $file ($settings) is a directory. $fix")
            }
            try {
                Files.readAllBytes(file)
            } catch (e: NoSuchFileException) {
                throw ClientConfigException("The ${item.displayName} file $file ($settings) does not exist. $fix", e)
            } catch (e: AccessDeniedException) {
                throw ClientConfigException(
                    "The ${item.displayName} file $file ($settings) cannot be read: permission denied. " +
                        "Make it readable by this process. $fix",
                    e,
                )
            } catch (e: IOException) {
                throw ClientConfigException(
                    "The ${item.displayName} file $file ($settings) cannot be read: " +
                        "${e.message ?: e.javaClass.simpleName}. $fix",
                    e,
                )
            }
        }
    }
