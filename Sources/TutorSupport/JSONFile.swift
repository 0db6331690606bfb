import Foundation

/// Learner data kept as one JSON file: read back, or — when damaged — moved aside and
/// reported, never silently reset; written atomically (see ``AtomicFile``).
package enum JSONFile {
    /// What ``load(_:from:what:decoder:)`` found: the value (nil when the file is missing or was
    /// unreadable) and, for an unreadable file, a sentence for the learner.
    package struct Loaded<Value> {
        package var value: Value?
        package var notice: String?
        /// False when the damaged file could not even be moved aside: writing would destroy it.
        package var writable: Bool
    }

    /// Reads `url` as `Value`. A file that does not decode is moved to `NAME.damaged-DATE`;
    /// `what` names it in the notice ("exercise progress").
    package static func load<Value: Decodable>(_ type: Value.Type, from url: URL, what: String,
                                              decoder: JSONDecoder = JSONDecoder()) -> Loaded<Value> {
        guard let data = FileManager.default.contents(atPath: url.path) else { return Loaded(value: nil, notice: nil, writable: true) }
        do {
            return Loaded(value: try decoder.decode(Value.self, from: data), notice: nil, writable: true)
        } catch {
            let reason = describe(error)
            do {
                let moved = try AtomicFile.quarantine(url)
                return Loaded(value: nil, notice: "\(what) in \(url.path) could not be read (\(reason)); it was moved to \(moved.lastPathComponent) and a new one is started",
                              writable: true)
            } catch {
                return Loaded(value: nil, notice: "\(what) in \(url.path) could not be read (\(reason)) nor moved aside (\(error.message)); it will not be saved this session",
                              writable: false)
            }
        }
    }

    /// Encodes `value` (sorted keys, indented, for people who look) and writes it atomically.
    package static func write<Value: Encodable>(_ value: Value, to url: URL, what: String,
                                               configure: (JSONEncoder) -> Void = { _ in }) throws(FileError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        configure(encoder)
        let data: Data
        do {
            data = try encoder.encode(value)
        } catch {
            throw FileError(path: url.path, message: "cannot encode \(what): \(error)")
        }
        try AtomicFile.write(data, to: url)
    }

    /// A decoding failure in a few words (`missing 'format'`, `not valid JSON`).
    package static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let context):
            return context.underlyingError.map { "not valid JSON: \(($0 as NSError).localizedDescription)" } ?? "not valid JSON"
        case DecodingError.keyNotFound(let key, _):
            return "missing '\(key.stringValue)'"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "unexpected value at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        default:
            return error.localizedDescription
        }
    }
}
