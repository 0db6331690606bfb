/// ANSI text styling that switches itself off.
///
/// Colour is off when `NO_COLOR` is set (https://no-color.org), when output is not a terminal,
/// or for `TERM=dumb`; scripts, tests and CI logs then get plain text with no escape codes.
public struct Style: Sendable, Hashable {
    public var enabled: Bool

    public init(enabled: Bool) {
        self.enabled = enabled
    }

    public static let plain = Style(enabled: false)
    public static let ansi = Style(enabled: true)

    public enum Color: Int, Sendable, Hashable {
        case black = 30, red, green, yellow, blue, magenta, cyan, white
        case gray = 90, brightRed, brightGreen, brightYellow, brightBlue, brightMagenta, brightCyan
    }

    func wrap(_ text: String, _ open: String, _ close: String) -> String {
        guard enabled, !text.isEmpty else { return text }
        return "\u{1B}[\(open)m\(text)\u{1B}[\(close)m"
    }

    public func bold(_ text: String) -> String { wrap(text, "1", "22") }
    public func dim(_ text: String) -> String { wrap(text, "2", "22") }
    public func italic(_ text: String) -> String { wrap(text, "3", "23") }
    public func underline(_ text: String) -> String { wrap(text, "4", "24") }
    public func color(_ color: Color, _ text: String) -> String { wrap(text, "\(color.rawValue)", "39") }

    // Semantic styles: one place decides what a heading or an error looks like.
    public func heading(_ text: String) -> String { bold(color(.cyan, text)) }
    public func code(_ text: String) -> String { color(.yellow, text) }
    public func success(_ text: String) -> String { color(.green, text) }
    public func failure(_ text: String) -> String { color(.red, text) }
    public func warning(_ text: String) -> String { color(.yellow, text) }
    public func muted(_ text: String) -> String { color(.gray, text) }
    public func accent(_ text: String) -> String { color(.magenta, text) }
}
