import Testing
import VouchCore

/// Errors are data: each front end words the setting its own way, and the
/// location is rendered as far as it is known.
@Suite struct VouchErrorTests {
    @Test func locationIsRenderedAsFarAsItIsKnown() {
        #expect(VouchError(file: "facts.yaml", line: 4, column: 9, "status: unknown value").message == "facts.yaml:4:9: status: unknown value")
        #expect(VouchError(file: "facts.yaml", line: 4, "x").message == "facts.yaml:4: x")
        #expect(VouchError(file: "facts.yaml", "x").message == "facts.yaml: x")
        // A column without a line means nothing.
        #expect(VouchError(file: "f", column: 3, "x").location == .init(file: "f"))
        #expect(VouchError("plain").message == "plain")
    }

    @Test func aSettingIsSpelledByTheFrontEnd() {
        let error = VouchError(setting: "timezone", value: "Mars/Base", "unknown time zone")
        #expect(error.message == "timezone Mars/Base: unknown time zone")
        #expect(error.rendered(setting: { "--\($0)" }) == "--timezone Mars/Base: unknown time zone")
        #expect(error.reason == "unknown time zone")
        #expect(error.location == nil)
    }

    @Test func contextKeepsTheLocation() {
        let error = VouchError(file: "r.yaml", line: 2, column: 5, "unknown value").within("rule x: ")
        #expect(error.message == "r.yaml:2:5: rule x: unknown value")
    }
}
