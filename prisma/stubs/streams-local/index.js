throw new Error("`prisma dev` is not available in matchgraph (its streams server needs Node 22); use `npm run db:migrate`");
