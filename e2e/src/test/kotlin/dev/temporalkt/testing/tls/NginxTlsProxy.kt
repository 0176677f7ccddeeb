package dev.temporalkt.testing.tls

import java.net.ServerSocket
import java.net.Socket
import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.TimeUnit
import kotlin.io.path.readText
import kotlin.io.path.writeText

/**
 * A real nginx on loopback terminating TLS and proxying gRPC to [upstream] (a plain-text Temporal frontend), with
 * three listeners:
 * - [tlsPort]: server TLS only;
 * - [mtlsPort]: TLS that requires a client certificate signed by the test CA;
 * - [apiKeyPort]: TLS that lets a call through only with `authorization: Bearer [apiKey]`, answering 401 otherwise.
 *
 * `.ci/run` installs nginx; a missing nginx is a test failure that says so.
 */
class NginxTlsProxy private constructor(
    private val process: Process,
    private val prefix: Path,
    val tlsPort: Int,
    val mtlsPort: Int,
    val apiKeyPort: Int,
) : AutoCloseable {
    override fun close() {
        process.destroy()
        if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly()
    }

    companion object {
        const val API_KEY = "test-api-key-1"

        fun start(upstream: String, certs: TestCertificates): NginxTlsProxy {
            val nginx = listOf("/usr/sbin/nginx", "/usr/bin/nginx").firstOrNull { Files.isExecutable(Path.of(it)) }
                ?: error("nginx is not installed; the TLS tests need it (Debian: apt-get install nginx-light)")
            val prefix = Files.createTempDirectory("temporalkt-nginx")
            val (tls, mtls, apiKey) = List(3) { freePort() }
            val ssl = """
                ssl_certificate ${certs.serverCert};
                ssl_certificate_key ${certs.serverKey};
                ssl_protocols TLSv1.2 TLSv1.3;
            """.trimIndent()
            val grpcProxy = """
                grpc_pass grpc://$upstream;
                grpc_read_timeout 120s;
                grpc_send_timeout 120s;
            """.trimIndent()
            prefix.resolve("nginx.conf").writeText(
                """
                daemon off;
                master_process off;
                worker_processes 1;
                pid ${prefix.resolve("nginx.pid")};
                error_log ${prefix.resolve("error.log")} warn;
                events { worker_connections 256; }
                http {
                    access_log off;
                    client_body_temp_path ${prefix.resolve("body")};
                    proxy_temp_path ${prefix.resolve("proxy")};
                    fastcgi_temp_path ${prefix.resolve("fastcgi")};
                    uwsgi_temp_path ${prefix.resolve("uwsgi")};
                    scgi_temp_path ${prefix.resolve("scgi")};
                    server {
                        listen 127.0.0.1:$tls ssl http2;
                        $ssl
                        location / { $grpcProxy }
                    }
                    server {
                        listen 127.0.0.1:$mtls ssl http2;
                        $ssl
                        ssl_client_certificate ${certs.caCert};
                        ssl_verify_client on;
                        location / { $grpcProxy }
                    }
                    server {
                        listen 127.0.0.1:$apiKey ssl http2;
                        $ssl
                        location / {
                            if (${'$'}http_authorization != "Bearer $API_KEY") { return 401; }
                            $grpcProxy
                        }
                    }
                }
                """.trimIndent(),
            )
            val process = ProcessBuilder(nginx, "-p", prefix.toString(), "-c", prefix.resolve("nginx.conf").toString())
                .redirectErrorStream(true)
                .redirectOutput(prefix.resolve("stdout.log").toFile())
                .start()
            val proxy = NginxTlsProxy(process, prefix, tls, mtls, apiKey)
            val deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20)
            while (!listOf(tls, mtls, apiKey).all(::accepts)) {
                if (!process.isAlive || System.nanoTime() > deadline) {
                    proxy.close()
                    val log = listOf("stdout.log", "error.log").map(prefix::resolve).filter(Files::exists).joinToString("\n") { it.readText() }
                    error("nginx did not start listening on $tls/$mtls/$apiKey: $log")
                }
                Thread.sleep(20)
            }
            return proxy
        }

        private fun freePort(): Int = ServerSocket(0).use { it.localPort }

        private fun accepts(port: Int): Boolean = try {
            Socket("127.0.0.1", port).close(); true
        } catch (e: java.io.IOException) {
            false
        }
    }
}
