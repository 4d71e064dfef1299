// Kept in step with package.json by a test; read at build time rather than from the JSON file so
// that importing the SDK costs no file read.
export const sdkVersion = "0.1.0"
