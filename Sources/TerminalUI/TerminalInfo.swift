import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What the tutor knows about where its output goes: a terminal or not, how wide, colour or not.
package struct TerminalInfo: Sendable, Hashable {
    package var isInputTerminal: Bool
    package var isOutputTerminal: Bool
    package var columns: Int
    package var rows: Int
    package var colorEnabled: Bool

    package init(isInputTerminal: Bool, isOutputTerminal: Bool, columns: Int, rows: Int, colorEnabled: Bool) {
        self.isInputTerminal = isInputTerminal
        self.isOutputTerminal = isOutputTerminal
        self.columns = columns
        self.rows = rows
        self.colorEnabled = colorEnabled
    }

    /// Plain output at a fixed width: scripts, tests, golden files.
    package static func plain(columns: Int = 80) -> TerminalInfo {
        TerminalInfo(isInputTerminal: false, isOutputTerminal: false, columns: columns, rows: 24, colorEnabled: false)
    }

    /// Reads the real terminal. `COLUMNS`/`LINES` override the measured size (useful when the
    /// output is piped but the author wants a given width).
    package static func current(environment: [String: String] = ProcessInfo.processInfo.environment) -> TerminalInfo {
        let inTTY = isatty(STDIN_FILENO) == 1
        let outTTY = isatty(STDOUT_FILENO) == 1
        var columns = 80
        var rows = 24
        if outTTY {
            var size = winsize()
            if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
                columns = Int(size.ws_col)
                rows = Int(size.ws_row)
            }
        }
        if let c = environment["COLUMNS"].flatMap(Int.init), c > 0 { columns = c }
        if let r = environment["LINES"].flatMap(Int.init), r > 0 { rows = r }
        return TerminalInfo(isInputTerminal: inTTY, isOutputTerminal: outTTY, columns: columns, rows: rows,
                            colorEnabled: colorAllowed(environment: environment, outputIsTerminal: outTTY))
    }

    /// NO_COLOR (any non-empty value) wins; then `LAMBDA_TUTOR_COLOR=always|never`; then a
    /// terminal that is not `dumb`.
    package static func colorAllowed(environment: [String: String], outputIsTerminal: Bool) -> Bool {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
        switch environment["LAMBDA_TUTOR_COLOR"]?.lowercased() {
        case "always": return true
        case "never": return false
        default: break
        }
        if environment["TERM"] == "dumb" { return false }
        return outputIsTerminal
    }

    /// The width text is wrapped to: the terminal width, but never wider than a comfortable
    /// reading measure and never narrower than 20 columns.
    package var textWidth: Int { max(20, min(columns, 100)) }

    package var style: Style { Style(enabled: colorEnabled) }
}
