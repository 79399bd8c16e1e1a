import Testing
@testable import NyhetsbrevCore

@Suite struct FetchResponseTests {
    @Test(arguments: [
        ("text/xml; Charset = 'windows-1252' ", "windows-1252"), ("text/xml;\tCHARSET=\"utf-8\"", "utf-8"),
        ("text/xml; charset=", nil), ("text/xml; charset=\"\"", nil), ("text/xml; xcharset=utf-8", nil),
        ("text/xml; format=flowed; charset=iso-8859-15", "iso-8859-15"), ("charset=utf-8", nil),
        ("text/xml; charset=utf-8; charset=latin1", "utf-8"), ("text/xml; charset", nil),
    ] as [(String, String?)])
    func charsetParameterIsFoundWhateverItsSpacingCaseAndQuotes(_ contentType: String, _ expected: String?) {
        #expect(FetchResponse.charset(fromContentType: contentType) == expected)
    }
}
