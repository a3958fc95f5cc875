import Hummingbird
import WireFormats
import WorkingMemory

/// Responses with a JSON or text body.
enum Responses {
    /// `value` as compact JSON text with a final newline.
    static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
        json(text: value.jsonText + "\n", status: status)
    }

    /// JSON text as it is.
    static func json(text: String, status: HTTPResponse.Status = .ok) -> Response {
        body(text, contentType: "application/json; charset=utf-8", status: status)
    }

    /// JSON already encoded as UTF-8 bytes.
    static func json(utf8 bytes: [UInt8], status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status,
            headers: [.contentType: "application/json; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes))
        )
    }

    /// Any text with its content type.
    static func body(_ text: String, contentType: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status,
            headers: [.contentType: contentType],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text))
        )
    }
}
