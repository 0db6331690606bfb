import Foundation

/// Reads a content file (lesson, bank, GIFT or Aiken file) as text, or says on which line it
/// stops being text: a binary file saved with a `.yaml` name, a file in another encoding.
package enum ContentText {
    /// The text, or the problem that stops the file being read as text.
    package enum Outcome: Sendable {
        case success(String)
        case failure(Diagnostic)
    }

    /// Bytes as UTF-8 text, or the error to show (`kind` names what the file should be:
    /// "question banks are UTF-8 YAML").
    package static func decode(_ data: Data, file: String, kind: String) -> Outcome {
        if let nul = data.firstIndex(of: 0) {
            return .failure(.error(file, line: line(of: nul, in: data), column: 1,
                                   "this is not a text file (it contains NUL bytes); \(kind)"))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return .failure(.error(file, line: firstInvalidUTF8Line(data), column: 1, "the file is not valid UTF-8 text; \(kind)"))
        }
        return .success(text)
    }

    /// Reads and decodes `url`; a file that cannot be opened is an error without a line.
    package static func read(_ url: URL, file: String, kind: String) -> Outcome {
        do {
            return decode(try Data(contentsOf: url), file: file, kind: kind)
        } catch {
            let reason = (error as NSError).localizedFailureReason ?? error.localizedDescription
            return .failure(.error(file, "cannot read the file: \(reason)"))
        }
    }

    /// The 1-based line that holds byte `index`.
    package static func line(of index: Data.Index, in data: Data) -> Int {
        data[data.startIndex..<index].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
    }

    /// The first line that is not valid UTF-8.
    package static func firstInvalidUTF8Line(_ data: Data) -> Int {
        var line = 1
        var start = data.startIndex
        for index in data.indices where data[index] == 0x0A {
            if String(data: data[start..<index], encoding: .utf8) == nil { return line }
            line += 1
            start = data.index(after: index)
        }
        return line
    }
}
