import LocalServices
import Testing

/// MD5 (what `MD5OfMessageBody` and a record's `md5OfBody` carry) against RFC 1321's test suite.
@Suite("MD5 digests")
struct MD5DigestTests {
    @Test("RFC 1321 A.5 vectors", arguments: [
        ("", "d41d8cd98f00b204e9800998ecf8427e"), ("abc", "900150983cd24fb0d6963f7d28e17f72"),
        ("message digest", "f96b697d7cb7938d525a2f31aaf161d0"),
        ("12345678901234567890123456789012345678901234567890123456789012345678901234567890", "57edf4a22be3c955ac49da2e2107b67a"),
    ])
    func vectors(_ input: String, _ digest: String) {
        #expect(MD5.hex(input) == digest)
    }
}
