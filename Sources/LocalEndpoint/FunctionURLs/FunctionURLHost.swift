import Foundation
import MiniLambda

/// The tutor's host names for function URLs and its REST-style API, on one loopback port.
///
/// AWS's function URL is `https://<url-id>.lambda-url.<region>.on.aws/`; here it is
/// `http://<url-id>.lambda-url.<region>.localhost:<port>/`. Names under `localhost` resolve to
/// the loopback address by RFC 6761, and curl and browsers resolve them so without asking DNS,
/// so the printed URL works as it is and the request's path is its real path (`rawPath`). A
/// client whose resolver does not (Python's `urllib` on many systems) connects to
/// `127.0.0.1:<port>` and sends the name as `Host`. The REST-style API (payload 1.0) is
/// `http://<api-id>.execute-api.<region>.localhost:<port>/<stage>/…`, as API Gateway's
/// `https://<api-id>.execute-api.<region>.amazonaws.com/<stage>/…`.
package struct FunctionURLHost: Sendable, Hashable {
    package var port: Int
    /// The REST-style API's id (10 characters, as API Gateway's).
    package var restAPIID: String

    /// The stage of the REST-style API. API Gateway stages are named by their owner; the tutor
    /// has one, and names it for what it is.
    package static let stage = "local"

    package init(port: Int, restAPIID: String = "tutorrest1") {
        self.port = port
        self.restAPIID = restAPIID
    }

    /// The domain of a function URL, as the event's `domainName` has it.
    package static func urlDomain(_ id: String) -> String { "\(id).lambda-url.\(LambdaIdentity.region).localhost" }

    package var restDomain: String { "\(restAPIID).execute-api.\(LambdaIdentity.region).localhost" }

    /// `FunctionUrl`: with the trailing slash AWS's URLs have.
    package func url(_ id: String) -> String { "http://\(Self.urlDomain(id)):\(port)/" }

    /// The REST-style API's base: `http://<api-id>.execute-api.<region>.localhost:<port>/local`.
    package var restBase: String { "http://\(restDomain):\(port)/\(Self.stage)" }

    /// What a request's `Host` names.
    package enum Target: Sendable, Hashable {
        case functionURL(id: String)
        case restAPI
    }

    /// The target of a `Host` header (`name` or `name:port`, any case); nil when it names
    /// neither a function URL nor the REST-style API.
    package func target(ofHost host: String) -> Target? {
        var name = host.lowercased()
        if let colon = name.lastIndex(of: ":") { name = String(name[..<colon]) }
        if name.hasSuffix(".") { name.removeLast() }
        if name == restDomain { return .restAPI }
        let suffix = ".lambda-url.\(LambdaIdentity.region).localhost"
        guard name.hasSuffix(suffix) else { return nil }
        let id = String(name.dropLast(suffix.count))
        guard id.count == 32, id.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) }) else { return nil }
        return .functionURL(id: id)
    }

    /// An API id derived from the data folder's path, so it stays the same between sessions
    /// (FNV-1a, 10 characters of `a-z0-9`).
    package static func restAPIID(for folder: URL) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in folder.standardizedFileURL.path.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        var id = ""
        for _ in 0..<10 {
            id.append(alphabet[Int(hash % 36)])
            hash /= 36
        }
        return id
    }
}
