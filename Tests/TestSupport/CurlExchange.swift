import Foundation
import TutorSupport

/// One HTTP exchange made by curl (a real client; it resolves `*.localhost` to 127.0.0.1 by
/// itself, as the README tells learners).
package struct CurlExchange: Sendable {
    package var status: Int
    package var headers: [(name: String, value: String)]
    package var body: Data
    package var text: String { String(decoding: body, as: UTF8.self) }

    package func values(_ name: String) -> [String] {
        headers.filter { $0.name.caseInsensitiveCompare(name) == .orderedSame }.map(\.value)
    }

    package func json() -> [String: Any]? { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] }

    /// `curl -s -X METHOD [-H …] [--data-binary @file] URL`, body and headers kept apart.
    package static func run(_ url: String, method: String = "GET", headers: [String] = [], body: Data? = nil,
                    in directory: TemporaryDirectory) async -> CurlExchange? {
        let id = UUID().uuidString
        let bodyFile = directory.url.appendingPathComponent("curl-\(id).body")
        let headerFile = directory.url.appendingPathComponent("curl-\(id).headers")
        var arguments = ["-s", "-S", "--max-time", "60", "-X", method, "-D", headerFile.path, "-o", bodyFile.path]
        for header in headers { arguments += ["-H", header] }
        if let body {
            let upload = directory.url.appendingPathComponent("curl-\(id).upload")
            try? body.write(to: upload)
            arguments += ["--data-binary", "@" + upload.path]
        }
        arguments.append(url)
        let command = arguments
        let run = await OwnThread.run { PythonVenv.run("curl", command) }
        guard run.status == 0, let head = try? String(contentsOf: headerFile, encoding: .utf8) else { return nil }
        let lines = head.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        guard let statusLine = lines.first, let status = Int(statusLine.split(separator: " ").dropFirst().first ?? "") else { return nil }
        let headers = lines.dropFirst().compactMap { line -> (name: String, value: String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        return CurlExchange(status: status, headers: headers, body: (try? Data(contentsOf: bodyFile)) ?? Data())
    }
}
