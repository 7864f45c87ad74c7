// Where a stored upload is served: app/api/uploads/[...key]/route.ts. Post HTML may show
// images from here (lib/posts/render-markdown.ts), and from nowhere else but https.
export const uploadUrlPrefix = "/api/uploads/";

/** Where the upload stored under `key` is served. */
export const uploadUrl = (key: string) => `${uploadUrlPrefix}${key}`;
