<map version="0.9.0">
<node TEXT="El sistema solar" FOLDED="false" POSITION="right" ID="5f1a2b3c4d5e6f7a8b9c0d1e" X_COGGLE_POSX="0" X_COGGLE_POSY="0">
<edge COLOR="#b4b4b4"/>
<font NAME="Helvetica" SIZE="17"/>
<node TEXT="Planetas interiores" FOLDED="false" POSITION="right" ID="5f1a2b3c4d5e6f7a8b9c0d1f">
<edge COLOR="#7aa3e5"/>
<font NAME="Helvetica" SIZE="15"/>
<node TEXT="Mercurio: el más cercano al Sol" FOLDED="false" ID="5f1a2b3c4d5e6f7a8b9c0d20">
<edge COLOR="#7aa3e5"/>
<font NAME="Helvetica" SIZE="13"/>
</node>
<node TEXT="Venus: el planeta más caliente&#xa;por su efecto invernadero" FOLDED="false" ID="5f1a2b3c4d5e6f7a8b9c0d21">
<edge COLOR="#7aa3e5"/>
<font NAME="Helvetica" SIZE="13"/>
</node>
<node TEXT="Tierra: el único con vida conocida" FOLDED="false" ID="5f1a2b3c4d5e6f7a8b9c0d22">
<edge COLOR="#7aa3e5"/>
<font NAME="Helvetica" SIZE="13"/>
</node>
<node TEXT="Marte: el planeta rojo" FOLDED="false" ID="5f1a2b3c4d5e6f7a8b9c0d23">
<edge COLOR="#7aa3e5"/>
<font NAME="Helvetica" SIZE="13"/>
</node>
</node>
<node TEXT="Planetas exteriores" FOLDED="false" POSITION="left" ID="5f1a2b3c4d5e6f7a8b9c0d24">
<edge COLOR="#e57a7a"/>
<font NAME="Helvetica" SIZE="15"/>
<node TEXT="**Gigantes gaseosos**&#xa;- Júpiter&#xa;- Saturno" FOLDED="false" ID="5f1a2b3c4d5e6f7a8b9c0d25">
<edge COLOR="#e57a7a"/>
<font NAME="Helvetica" SIZE="13"/>
</node>
<node TEXT="**Gigantes helados**&#xa;- Urano&#xa;- Neptuno" FOLDED="false" ID="5f1a2b3c4d5e6f7a8b9c0d26">
<edge COLOR="#e57a7a"/>
<font NAME="Helvetica" SIZE="13"/>
</node>
</node>
<node TEXT="El Sol" FOLDED="false" POSITION="right" ID="5f1a2b3c4d5e6f7a8b9c0d27">
<edge COLOR="#e5c07a"/>
<font NAME="Helvetica" SIZE="15"/>
<node TEXT="Es una estrella enana amarilla que concentra casi toda la masa del sistema solar." FOLDED="false" ID="5f1a2b3c4d5e6f7a8b9c0d28">
<edge COLOR="#e5c07a"/>
<font NAME="Helvetica" SIZE="13"/>
</node>
<node TEXT="Más datos en [la NASA](https://science.nasa.gov/sun/)" FOLDED="false" ID="5f1a2b3c4d5e6f7a8b9c0d29">
<edge COLOR="#e5c07a"/>
<font NAME="Helvetica" SIZE="13"/>
</node>
</node>
</node>
</map>
