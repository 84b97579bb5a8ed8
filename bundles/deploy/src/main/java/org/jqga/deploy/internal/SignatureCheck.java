package org.jqga.deploy.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Verifies a bundle's detached signature ({@code <jar>.sig}) against the configured public key: a PEM
 * "PUBLIC KEY" (X.509 SubjectPublicKeyInfo) file, Ed25519 (signature over the jar bytes), RSA (SHA256withRSA) or
 * EC (SHA256withECDSA). The signature file holds the raw signature or its base64 text, as
 * {@code openssl pkeyutl -sign -rawin} resp. {@code openssl dgst -sha256 -sign} write it.
 */
final class SignatureCheck {

    private static final Pattern BASE64_TEXT = Pattern.compile("[A-Za-z0-9+/=\\s]+");

    private final PublicKey key;
    private final String algorithm;

    private SignatureCheck(PublicKey key, String algorithm) {
        this.key = key;
        this.algorithm = algorithm;
    }

    static SignatureCheck load(Path keyFile) throws IOException, GeneralSecurityException {
        String pem = Files.readString(keyFile, StandardCharsets.US_ASCII);
        String body = pem.replaceAll("-----BEGIN PUBLIC KEY-----|-----END PUBLIC KEY-----|\\s", "");
        byte[] der = Base64.getDecoder().decode(body);
        X509EncodedKeySpec spec = new X509EncodedKeySpec(der);
        for (String[] kind : new String[][] {{"Ed25519", "Ed25519"}, {"RSA", "SHA256withRSA"}, {"EC", "SHA256withECDSA"}}) {
            try {
                return new SignatureCheck(KeyFactory.getInstance(kind[0]).generatePublic(spec), kind[1]);
            } catch (GeneralSecurityException notThisKind) {
                // try the next key type
            }
        }
        throw new GeneralSecurityException(keyFile + " holds no Ed25519, RSA or EC public key");
    }

    String algorithm() {
        return algorithm;
    }

    /** Null if {@code signature} is the key's signature over {@code jar}, else why not. */
    String refusal(byte[] jar, byte[] signature) {
        if (signature == null) {
            return "unsigned (no .sig file beside it)";
        }
        try {
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(key);
            verifier.update(jar);
            if (verifier.verify(decode(signature))) {
                return null;
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return "signature unreadable (" + e.getMessage() + ")";
        }
        return "signature does not match (tampered, or signed by another key)";
    }

    private static byte[] decode(byte[] signature) {
        String text = new String(signature, StandardCharsets.ISO_8859_1);
        if (BASE64_TEXT.matcher(text).matches()) {
            try {
                return Base64.getMimeDecoder().decode(text);
            } catch (IllegalArgumentException rawAfterAll) {
                return signature;
            }
        }
        return signature;
    }
}
