import TutorSupport

/// A value of a YAML document as the content formats read it: what was written and where.
///
/// Only ContentYAML knows which library parses YAML (DESIGN.md: nothing else imports Yams).
/// The readers of lessons, banks and exercises match on these cases, and every node carries
/// its place in the file (the snippet's offset already applied), so a message about it can say
/// `path:line:col` without knowing where the snippet came from.
package enum YAMLNode: Sendable {
    case scalar(Scalar)
    case mapping(Mapping)
    /// A YAML sequence (`- item` lines or `[a, b]`); learners' messages call it a list.
    case list(List)
    /// `*name`. The content formats do not use anchors; readers refuse aliases by name.
    case alias(SourcePosition)

    /// Where the node starts.
    package var location: SourcePosition {
        switch self {
        case .scalar(let scalar): scalar.location
        case .mapping(let mapping): mapping.location
        case .list(let list): list.location
        case .alias(let location): location
        }
    }

    /// The text of a scalar; nil for the other kinds.
    package var string: String? {
        if case .scalar(let scalar) = self { return scalar.string }
        return nil
    }

    /// How a message names the node's kind: `a single value must be …, not a list`.
    package var kind: String {
        switch self {
        case .scalar: "single value"
        case .mapping: "mapping"
        case .list: "list"
        case .alias: "alias"
        }
    }
}

extension YAMLNode {
    /// One value: `60`, `true`, `hello`, `"quoted"`, a `|` block.
    package struct Scalar: Sendable {
        package enum Style: Sendable {
            case plain, singleQuoted, doubleQuoted, literal, folded
        }

        package var string: String
        package var style: Style
        package var location: SourcePosition

        package init(_ string: String, style: Style = .plain, location: SourcePosition) {
            self.string = string
            self.style = style
            self.location = location
        }

        /// YAML's null written plain: nothing after the colon, `~`, or `null`. (`"null"` in
        /// quotes is the word.)
        package var isNull: Bool {
            style == .plain && ["", "~", "null", "Null", "NULL"].contains(string)
        }
    }

    /// `key: value` lines or `{key: value}`, in the order written.
    package struct Mapping: Sendable, RandomAccessCollection {
        package typealias Element = (key: YAMLNode, value: YAMLNode)

        package var entries: [Element]
        package var location: SourcePosition

        package init(_ entries: [Element], location: SourcePosition) {
            self.entries = entries
            self.location = location
        }

        package var startIndex: Int { entries.startIndex }
        package var endIndex: Int { entries.endIndex }
        package subscript(position: Int) -> Element { entries[position] }

        /// The value of the first entry whose key is the scalar `key`.
        package subscript(key: String) -> YAMLNode? {
            entries.first { $0.key.string == key }?.value
        }
    }

    /// `- item` lines or `[a, b]`, in order.
    package struct List: Sendable, RandomAccessCollection {
        package var items: [YAMLNode]
        package var location: SourcePosition

        package init(_ items: [YAMLNode], location: SourcePosition) {
            self.items = items
            self.location = location
        }

        package var startIndex: Int { items.startIndex }
        package var endIndex: Int { items.endIndex }
        package subscript(position: Int) -> YAMLNode { items[position] }
    }
}
