// The side-by-side benchmark against the official `opentok` package arrives with its own issue;
// until then this script says so and exits cleanly, so `npm run bench` never breaks CI.
console.log("The benchmark is not written yet: see the benchmark issue.")
