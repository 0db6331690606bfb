import Foundation

/// How records are written into the learner database as JSON: sorted keys, slashes as they
/// are, dates as ISO 8601 — the shape the attempt log's lines always had, so a stored record
/// reads the same as an exported one. (The review schedule keeps its own exact-seconds dates.)
package enum StoredJSON {
    package static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    package static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
