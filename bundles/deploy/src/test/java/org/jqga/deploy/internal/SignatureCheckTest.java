package org.jqga.deploy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Detached signatures: good, tampered, missing, by another key; Ed25519 and RSA keys; raw or base64 text. */
class SignatureCheckTest {

    @TempDir
    Path directory;

    @Test
    void ed25519GoodBadAndMissing() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        SignatureCheck check = SignatureCheck.load(TestBundles.writePublicKey(directory.resolve("key.pem"), pair));
        assertEquals("Ed25519", check.algorithm());
        byte[] jar = TestBundles.jar("a", "1.0.0");
        byte[] signature = TestBundles.sign(pair.getPrivate(), "Ed25519", jar);

        assertNull(check.refusal(jar, signature));
        assertNull(check.refusal(jar, Base64.getEncoder().encodeToString(signature).concat("\n").getBytes(StandardCharsets.US_ASCII)),
                "base64 text as written by openssl base64");

        byte[] tampered = jar.clone();
        tampered[tampered.length / 2] ^= 1;
        assertEquals("signature does not match (tampered, or signed by another key)", check.refusal(tampered, signature));
        assertEquals("unsigned (no .sig file beside it)", check.refusal(jar, null));

        KeyPair other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        assertEquals("signature does not match (tampered, or signed by another key)",
                check.refusal(jar, TestBundles.sign(other.getPrivate(), "Ed25519", jar)));
    }

    @Test
    void rsaKeysUseSha256() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        SignatureCheck check = SignatureCheck.load(TestBundles.writePublicKey(directory.resolve("rsa.pem"), pair));
        assertEquals("SHA256withRSA", check.algorithm());
        byte[] jar = TestBundles.jar("a", "1.0.0");
        assertNull(check.refusal(jar, TestBundles.sign(pair.getPrivate(), "SHA256withRSA", jar)));
        assertEquals("signature does not match (tampered, or signed by another key)",
                check.refusal(TestBundles.jar("a", "2.0.0"), TestBundles.sign(pair.getPrivate(), "SHA256withRSA", jar)));
    }
}
