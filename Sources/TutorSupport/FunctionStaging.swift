import Foundation

/// The names the function registry gives its work in progress, in one place so that the
/// start-up tidy (``DataHome/tidy(now:)``) recognises exactly what an interrupted update or
/// publish leaves behind, and nothing a learner named.
///
/// - `functions/NAME/.code-UUID/`: new code being staged by UpdateFunctionCode;
/// - `functions/NAME/.old-code-UUID/`: the code it replaces, between the two renames;
/// - `functions/NAME/versions/.publishing-N-UUID/`: a version being frozen by PublishVersion.
package enum FunctionStaging {
    package enum Kind: Equatable, Sendable {
        case newCode
        case oldCode
        case publishing
    }

    package static func newCodeName() -> String { ".code-\(UUID().uuidString)" }
    package static func oldCodeName() -> String { ".old-code-\(UUID().uuidString)" }
    package static func publishingName(_ number: Int) -> String { ".publishing-\(number)-\(UUID().uuidString)" }

    /// What `name` is, or nil when the registry never makes a name like it.
    package static func kind(of name: String) -> Kind? {
        if let rest = suffix(of: name, after: ".old-code-"), UUID(uuidString: rest) != nil { return .oldCode }
        if let rest = suffix(of: name, after: ".code-"), UUID(uuidString: rest) != nil { return .newCode }
        if let rest = suffix(of: name, after: ".publishing-"), let dash = rest.firstIndex(of: "-") {
            let number = rest[..<dash]
            if !number.isEmpty, number.allSatisfy(\.isASCII), number.allSatisfy(\.isNumber),
               UUID(uuidString: String(rest[rest.index(after: dash)...])) != nil { return .publishing }
        }
        return nil
    }

    private static func suffix(of name: String, after prefix: String) -> String? {
        name.hasPrefix(prefix) ? String(name.dropFirst(prefix.count)) : nil
    }
}
