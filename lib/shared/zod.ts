import { z } from "zod";

// zod compiles parsers with `new Function` when it may. Our Content-Security-Policy has no
// 'unsafe-eval', so in the browser even its feature probe is a CSP violation: schemas that
// reach client components import zod from here, with compiling turned off (interpreted
// parsing is fast enough for forms).
z.config({ jitless: true });

export { z };
