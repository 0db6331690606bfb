import Foundation
import LambdaModel

/// Checks an Invoke payload the way the Invoke API does before any function runs: at most the
/// synchronous request size, and valid JSON. A bad payload is refused with the line and
/// column of the first error, so a learner can find the stray comma.
package enum PayloadValidator {
    package static func validate(_ payload: Data) throws(MiniLambdaError) {
        if payload.count > Limits.syncRequestBytes {
            throw MiniLambdaError(.requestTooLarge, "\(payload.count) byte payload is too large: Request must be smaller than \(Limits.syncRequestBytes) bytes for the InvokeFunction operation")
        }
        guard !payload.isEmpty else { return }
        if let problem = JSONScanner(Array(payload)).firstError() {
            throw MiniLambdaError(.invalidRequestContent,
                                  "Could not parse request body into json: \(problem.message) at line \(problem.line), column \(problem.column)")
        }
    }
}

/// A strict JSON syntax checker (RFC 8259) that reports where the first error is. It builds
/// nothing, so it is fast even for payloads of several MB.
struct JSONScanner {
    struct Problem: Error {
        var message: String
        var offset: Int
        var line = 1
        var column = 1
    }

    private let bytes: [UInt8]
    private var index = 0
    private var depth = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    func firstError() -> Problem? {
        var scanner = self
        do throws(Problem) {
            scanner.skipSpace()
            try scanner.value()
            scanner.skipSpace()
            if scanner.index < bytes.count { throw scanner.problem("Unexpected character \(scanner.describe()) after the JSON value") }
            return nil
        } catch {
            return locate(error)
        }
    }

    private func locate(_ problem: Problem) -> Problem {
        var located = problem
        var line = 1
        var column = 1
        var position = 0
        while position < min(problem.offset, bytes.count) {
            if bytes[position] == 0x0A {
                line += 1
                column = 1
            } else if bytes[position] & 0xC0 != 0x80 {
                column += 1
            }
            position += 1
        }
        located.line = line
        located.column = column
        return located
    }

    private func problem(_ message: String) -> Problem { Problem(message: message, offset: index) }

    private func describe() -> String {
        guard index < bytes.count else { return "end of input" }
        let byte = bytes[index]
        if byte >= 0x20, byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return String(format: "byte 0x%02X", byte)
    }

    private mutating func skipSpace() {
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }

    private mutating func value() throws(Problem) {
        guard index < bytes.count else { throw problem("Unexpected end of input, expected a value") }
        depth += 1
        defer { depth -= 1 }
        guard depth < 512 else { throw problem("Too deeply nested") }
        switch bytes[index] {
        case UInt8(ascii: "{"): try object()
        case UInt8(ascii: "["): try array()
        case UInt8(ascii: "\""): try string()
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number()
        default: throw problem("Unexpected character \(describe()), expected a value")
        }
    }

    private mutating func object() throws(Problem) {
        index += 1
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return }
        while true {
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw problem("Unexpected character \(describe()), expected a field name in double quotes") }
            try string()
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw problem("Unexpected character \(describe()), expected ':'") }
            index += 1
            skipSpace()
            try value()
            skipSpace()
            guard index < bytes.count else { throw problem("Unexpected end of input, expected ',' or '}'") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "}") { index += 1; return }
            throw problem("Unexpected character \(describe()), expected ',' or '}'")
        }
    }

    private mutating func array() throws(Problem) {
        index += 1
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return }
        while true {
            skipSpace()
            try value()
            skipSpace()
            guard index < bytes.count else { throw problem("Unexpected end of input, expected ',' or ']'") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "]") { index += 1; return }
            throw problem("Unexpected character \(describe()), expected ',' or ']'")
        }
    }

    private mutating func string() throws(Problem) {
        index += 1
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") { index += 1; return }
            if byte < 0x20 { throw problem("Control character \(describe()) inside a string (escape it)") }
            if byte == UInt8(ascii: "\\") {
                index += 1
                guard index < bytes.count else { break }
                switch bytes[index] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                     UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    index += 1
                case UInt8(ascii: "u"):
                    index += 1
                    for _ in 0..<4 {
                        guard index < bytes.count, Self.isHex(bytes[index]) else { throw problem("Bad \\u escape, expected 4 hex digits") }
                        index += 1
                    }
                default:
                    throw problem("Unknown escape \\\(describe())")
                }
                continue
            }
            index += 1
        }
        throw problem("Unexpected end of input inside a string (missing closing \")")
    }

    private mutating func literal(_ word: String) throws(Problem) {
        let start = index
        for expected in word.utf8 {
            guard index < bytes.count, bytes[index] == expected else {
                // Point at the start of the misspelt word, where the learner will look.
                let end = bytes[start...].prefix { $0 >= 0x61 && $0 <= 0x7A }
                throw Problem(message: "Unrecognized token '\(String(decoding: end, as: UTF8.self))', expected '\(word)'", offset: start)
            }
            index += 1
        }
    }

    private mutating func number() throws(Problem) {
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count, Self.isDigit(bytes[index]) else { throw problem("Unexpected character \(describe()), expected a digit") }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else {
            while index < bytes.count, Self.isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard index < bytes.count, Self.isDigit(bytes[index]) else { throw problem("Unexpected character \(describe()), expected a digit after '.'") }
            while index < bytes.count, Self.isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < bytes.count, Self.isDigit(bytes[index]) else { throw problem("Unexpected character \(describe()), expected an exponent") }
            while index < bytes.count, Self.isDigit(bytes[index]) { index += 1 }
        }
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    private static func isHex(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66)
    }
}
