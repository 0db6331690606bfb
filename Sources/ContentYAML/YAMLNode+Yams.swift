import TutorSupport
import Yams

extension YAMLNode {
    /// Converts a node Yams composed from a snippet, placing it in the file: `lineOffset` and
    /// `columnOffset` are added to every mark, `fallback` stands in for a missing one.
    init(_ node: Node, lineOffset: Int, columnOffset: Int, fallback: SourcePosition) {
        func place(_ mark: Mark?) -> SourcePosition {
            guard let mark else { return fallback }
            return SourcePosition(line: mark.line + lineOffset, column: mark.column + columnOffset)
        }
        func convert(_ node: Node) -> YAMLNode {
            switch node {
            case .scalar(let scalar):
                return .scalar(Scalar(scalar.string, style: Scalar.Style(scalar.style), location: place(scalar.mark)))
            case .mapping(let mapping):
                return .mapping(Mapping(mapping.map { (key: convert($0.key), value: convert($0.value)) }, location: place(mapping.mark)))
            case .sequence(let sequence):
                return .list(List(sequence.map(convert), location: place(sequence.mark)))
            case .alias(let alias):
                return .alias(place(alias.mark))
            }
        }
        self = convert(node)
    }
}

extension YAMLNode.Scalar.Style {
    init(_ style: Node.Scalar.Style) {
        switch style {
        case .any, .plain: self = .plain
        case .singleQuoted: self = .singleQuoted
        case .doubleQuoted: self = .doubleQuoted
        case .literal: self = .literal
        case .folded: self = .folded
        }
    }
}
