/**
 * The largest file that reaches the graph in one request: the gateway reads request bodies up to
 * 8 MiB (the kit's MAX_BODY_BYTES) and base64 makes a file 4/3 larger, less room for the rest of
 * the request. Larger files are refused in the browser, before sending.
 */
export const MAX_UPLOAD_BYTES = 6 * 1024 * 1024 - 64 * 1024;
