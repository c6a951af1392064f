import Testing

@testable import DossierCore

@Suite("Escaping")
struct EscapeTests {
    @Test("HTML escapes the five specials and drops control characters, in runs and substrings")
    func html() {
        #expect(Escape.html("plain text, é and ü") == "plain text, é and ü")
        #expect(
            Escape.html(#"<a href="x" title='y'>&</a>"#)
                == "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;")
        #expect(Escape.html("a\u{1}b\u{7F}c\td\ne") == "abc\td\ne")
        let text = "xx<yy>zz"
        #expect(Escape.html(text.dropFirst(2).dropLast(2)) == "&lt;yy&gt;")
    }

    @Test("JSON escapes quotes, backslashes, controls, markup characters and JavaScript line ends")
    func json() {
        #expect(Escape.json("plain é") == "plain é")
        #expect(Escape.json("\"\\\n\r\t") == #"\"\\\n\r\t"#)
        #expect(Escape.json("<b>&</b>") == #"\u003cb\u003e\u0026\u003c/b\u003e"#)
        #expect(Escape.json("a\u{2028}b\u{2029}c\u{1}") == #"a\u2028b\u2029c\u0001"#)
        #expect(Escape.json("\u{2026} keeps other E2 characters") == "\u{2026} keeps other E2 characters")
    }

    @Test("hrefs are percent-encoded outside the safe set")
    func href() {
        #expect(Escape.href("https://example.org/a b?q=é") == "https://example.org/a%20b?q=%C3%A9")
        #expect(Escape.href("x\"y<z") == "x%22y%3Cz")
    }
}
