package dev.temporalkt.testing.tls

import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.TimeUnit
import kotlin.io.path.readBytes
import kotlin.io.path.writeText

/**
 * A throw-away PKI made with the `openssl` command for TLS tests: a CA, a server certificate for `localhost` /
 * `127.0.0.1` signed by it, a client certificate signed by it, and an unrelated CA that signed nothing here.
 * Keys are EC P-256 in PKCS#8, which both OpenSSL (nginx) and Netty read.
 */
class TestCertificates private constructor(val dir: Path) {
    val caCert: Path = dir.resolve("ca.pem")
    val serverCert: Path = dir.resolve("server.pem")
    val serverKey: Path = dir.resolve("server.key")
    val clientCert: Path = dir.resolve("client.pem")
    val clientKey: Path = dir.resolve("client.key")
    val otherCaCert: Path = dir.resolve("other-ca.pem")

    fun bytes(path: Path): ByteArray = path.readBytes()

    companion object {
        fun create(): TestCertificates {
            val dir = Files.createTempDirectory("temporalkt-tls")
            val certs = TestCertificates(dir)
            dir.resolve("server.ext").writeText("subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n")
            dir.resolve("client.ext").writeText("extendedKeyUsage=clientAuth\n")
            fun key(name: String) = openssl(dir, "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", name)
            fun selfSigned(key: String, cert: String, cn: String) =
                openssl(dir, "req", "-x509", "-new", "-key", key, "-out", cert, "-days", "2", "-subj", "/CN=$cn")
            fun signed(key: String, cert: String, cn: String, ext: String) {
                openssl(dir, "req", "-new", "-key", key, "-out", "$cert.csr", "-subj", "/CN=$cn")
                openssl(
                    dir, "x509", "-req", "-in", "$cert.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                    "-out", cert, "-days", "2", "-extfile", ext,
                )
            }
            key("ca.key"); selfSigned("ca.key", "ca.pem", "temporal-kt test CA")
            key("other-ca.key"); selfSigned("other-ca.key", "other-ca.pem", "unrelated test CA")
            key("server.key"); signed("server.key", "server.pem", "localhost", "server.ext")
            key("client.key"); signed("client.key", "client.pem", "temporal-kt test client", "client.ext")
            return certs
        }

        private fun openssl(dir: Path, vararg args: String) {
            val process = ProcessBuilder(listOf("openssl") + args).directory(dir.toFile()).redirectErrorStream(true).start()
            val output = process.inputStream.bufferedReader().readText()
            check(process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0) {
                "openssl ${args.joinToString(" ")} failed: $output"
            }
        }
    }
}
