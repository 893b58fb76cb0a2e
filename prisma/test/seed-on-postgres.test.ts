import { describeSeedOn } from "./helpers/seed-suite.js";

describeSeedOn("postgres");
