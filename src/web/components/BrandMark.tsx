/** The product's mark: 「连」 on the union red. */
export function BrandMark({ size = 32 }: { size?: number }) {
  return (
    <span className="lx-brand-mark" style={{ width: size, height: size, fontSize: size * 0.56 }} aria-hidden>
      连
    </span>
  );
}
