import Foundation
import MiniLambda

/// One function URL as the service keeps it beside the function (`service.json`): botocore's
/// `FunctionUrlConfig` without the URL itself, which depends on where the tutor listens
/// (LocalEndpoint's `FunctionURLHost` writes it from ``urlID``).
package struct FunctionURLConfig: Codable, Sendable, Hashable {
    /// The `<url-id>` of `https://<url-id>.lambda-url.<region>.on.aws`: 32 lower-case letters
    /// and digits, as AWS's, fixed for the life of the URL.
    package var urlID: String
    /// The alias the URL invokes; nil for `$LATEST` (the unqualified function).
    package var qualifier: String?
    /// `AuthType`: only `NONE` is served (see ``FunctionURLRules/authType(_:)``).
    package var authType: String
    package var cors: FunctionURLCors?
    /// `InvokeMode`: `BUFFERED` (the default; `RESPONSE_STREAM` is refused).
    package var invokeMode: String
    /// `CreationTime` and `LastModifiedTime` as AWS writes them for URLs
    /// (`2026-12-02T14:55:03.123456Z`).
    package var creationTime: String
    package var lastModifiedTime: String

    enum CodingKeys: String, CodingKey {
        case urlID = "UrlId", qualifier = "Qualifier", authType = "AuthType", cors = "Cors", invokeMode = "InvokeMode"
        case creationTime = "CreationTime", lastModifiedTime = "LastModifiedTime"
    }

    /// `FunctionArn` of the config: the function's ARN, qualified by the alias when there is one.
    package func functionArn(_ function: String) -> String {
        FunctionConfiguration.functionArn(function, qualifier: qualifier)
    }

    /// The key of the config in the function's state: the alias, or `$LATEST`.
    var key: String { qualifier ?? FunctionVersion.latest }

    /// A new URL id: 32 characters from `a-z0-9`, from the system's random source.
    static func newURLID() -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<32).map { _ in alphabet[Int(generator.next(upperBound: UInt64(alphabet.count)))] })
    }

    /// The time format of URL configs: ISO 8601 in UTC with microseconds.
    static func timestamp(_ date: Date) -> String {
        let seconds = date.timeIntervalSince1970.rounded(.down)
        let micros = Int(((date.timeIntervalSince1970 - seconds) * 1_000_000).rounded(.down))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: Date(timeIntervalSince1970: seconds))
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d.%06dZ", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0,
                      parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0, micros)
    }
}

/// botocore's `Cors` shape, with AWS's keys; every field optional as in the model.
package struct FunctionURLCors: Codable, Sendable, Hashable {
    package var allowCredentials: Bool?
    package var allowHeaders: [String]?
    package var allowMethods: [String]?
    package var allowOrigins: [String]?
    package var exposeHeaders: [String]?
    package var maxAge: Int?

    package init(allowCredentials: Bool? = nil, allowHeaders: [String]? = nil, allowMethods: [String]? = nil,
                allowOrigins: [String]? = nil, exposeHeaders: [String]? = nil, maxAge: Int? = nil) {
        self.allowCredentials = allowCredentials
        self.allowHeaders = allowHeaders
        self.allowMethods = allowMethods
        self.allowOrigins = allowOrigins
        self.exposeHeaders = exposeHeaders
        self.maxAge = maxAge
    }

    enum CodingKeys: String, CodingKey {
        case allowCredentials = "AllowCredentials", allowHeaders = "AllowHeaders", allowMethods = "AllowMethods"
        case allowOrigins = "AllowOrigins", exposeHeaders = "ExposeHeaders", maxAge = "MaxAge"
    }
}

/// What a function URL request reaches: the function and the config (with its qualifier).
package struct FunctionURLTarget: Sendable, Hashable {
    package var function: String
    package var config: FunctionURLConfig
}
