import Foundation
import LambdaService
import MiniLambda

/// Reading the members of a JSON request body with the types botocore's model gives them;
/// a wrong type is refused naming the member, as AWS's validation does.
enum Body {
    static func string(_ body: [String: Any], _ key: String, required: Bool = false) throws(APIError) -> String? {
        guard let value = body[key], !(value is NSNull) else {
            if required { throw missing(key) }
            return nil
        }
        guard let text = value as? String else { throw wrongType(key, "a string") }
        return text
    }

    static func int(_ body: [String: Any], _ key: String) throws(APIError) -> Int? {
        guard let value = body[key], !(value is NSNull) else { return nil }
        guard !isBoolean(value), let number = value as? NSNumber, number.doubleValue == number.doubleValue.rounded() else {
            throw wrongType(key, "an integer")
        }
        return number.intValue
    }

    static func bool(_ body: [String: Any], _ key: String) throws(APIError) -> Bool? {
        guard let value = body[key], !(value is NSNull) else { return nil }
        guard isBoolean(value), let flag = value as? Bool else { throw wrongType(key, "true or false") }
        return flag
    }

    /// JSON `true`/`false` (Foundation hands both numbers and booleans over as NSNumber).
    static func isBoolean(_ value: Any) -> Bool {
        guard let number = value as? NSNumber else { return value is Bool }
        return String(cString: number.objCType) == "c"
    }

    static func object(_ body: [String: Any], _ key: String) throws(APIError) -> [String: Any]? {
        guard let value = body[key], !(value is NSNull) else { return nil }
        guard let object = value as? [String: Any] else { throw wrongType(key, "an object") }
        return object
    }

    /// A list of strings (`Layers`, `CompatibleRuntimes`).
    static func strings(_ body: [String: Any], _ key: String) throws(APIError) -> [String]? {
        guard let value = body[key], !(value is NSNull) else { return nil }
        guard let list = value as? [Any], let strings = list as? [String], strings.count == list.count else { throw wrongType(key, "a list of strings") }
        return strings
    }

    static func missing(_ key: String) -> APIError {
        APIError.invalidParameter("1 validation error detected: Value null at '\(lowerFirst(key))' failed to satisfy constraint: Member must not be null")
    }

    static func wrongType(_ key: String, _ type: String) -> APIError {
        APIError.invalidContent("Could not parse request body into json: the member \(key) must be \(type)")
    }

    static func lowerFirst(_ key: String) -> String { key.prefix(1).lowercased() + key.dropFirst() }

    /// `Code.ZipFile`, decoded. S3 and image sources do not exist here.
    static func zipFile(_ body: [String: Any], _ key: String) throws(APIError) -> Data {
        guard let code = try object(body, key) else { throw missing(key) }
        for other in ["S3Bucket", "S3Key", "ImageUri"] where code[other] != nil {
            throw APIError.invalidParameter("lambda-tutor takes code as ZipFile only (\(other): there is no S3 or image registry here); use --zip-file fileb://function.zip")
        }
        guard let encoded = try string(code, "ZipFile") else {
            throw APIError.invalidParameter("Please provide a source for function code: ZipFile (base64 of a .zip, as --zip-file fileb://f.zip sends it)")
        }
        guard let zip = Data(base64Encoded: encoded) else { throw APIError.invalidContent("Could not parse request body into json: Code.ZipFile is not base64") }
        return zip
    }

    /// The model's pattern for an execution role (there is no IAM here: any such ARN is taken).
    static func checkRole(_ role: String) throws(APIError) {
        guard role.wholeMatch(of: /arn:(aws[a-zA-Z-]*)?:iam::\d{12}:role\/?[a-zA-Z_0-9+=,.@\-\/]+/) != nil else {
            throw APIError.invalidParameter("1 validation error detected: Value '\(role)' at 'role' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+")
        }
    }

    /// The settings CreateFunction and UpdateFunctionConfiguration share, as the service's
    /// typed ``ConfigurationUpdate`` (checked when it is applied).
    static func update(_ body: [String: Any]) throws(APIError) -> ConfigurationUpdate {
        var update = ConfigurationUpdate()
        update.description = try string(body, "Description")
        update.timeout = try int(body, "Timeout")
        update.memorySize = try int(body, "MemorySize")
        update.handler = try string(body, "Handler")
        if let runtime = try string(body, "Runtime") { update.runtime = try LambdaAPI.runtime(runtime) }
        if let environment = try object(body, "Environment") {
            let variables = try object(environment, "Variables") ?? [:]
            var strings: [String: String] = [:]
            for (key, value) in variables {
                guard let text = value as? String else { throw wrongType("Environment.Variables.\(key)", "a string") }
                strings[key] = text
            }
            update.environment = strings
        }
        if let storage = try object(body, "EphemeralStorage") {
            guard let size = try int(storage, "Size") else { throw missing("EphemeralStorage.Size") }
            update.ephemeralStorage = size
        }
        if let logging = try object(body, "LoggingConfig") {
            update.logFormat = try string(logging, "LogFormat")
            update.applicationLogLevel = try string(logging, "ApplicationLogLevel")
            update.systemLogLevel = try string(logging, "SystemLogLevel")
        }
        update.layers = try strings(body, "Layers")
        // DeadLetterConfig is read by LambdaAPI+DeadLetterConfig (it is an async invocation setting here).
        for key in ["VpcConfig", "FileSystemConfigs", "ImageConfig", "SnapStart", "KMSKeyArn"] where body[key] != nil {
            throw APIError.invalidParameter("\(key) is a setting lambda-tutor does not have yet; leave it out")
        }
        return update
    }
}
